import { useInfiniteQuery } from '@tanstack/react-query';
import { Button } from 'antd-mobile';
import { problem } from '../../../lib/api.ts';
import { shortTime } from '../../../lib/labels.ts';
import { publicAnswersQuery } from '../api/questions.ts';

/** Questions answered in public (办事包打听), newest first. */
export function PublicAnswers() {
  const answers = useInfiniteQuery(publicAnswersQuery);
  const items = answers.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="section" aria-labelledby="answers">
      <h2 id="answers">群众问答</h2>
      {answers.error && (
        <p className="error" role="alert">
          {problem(answers.error)}
        </p>
      )}
      {!answers.isPending && items.length === 0 && <p className="hint">暂无公开的答复。</p>}
      {items.map((item) => (
        <div className="qa" key={item.id}>
          <p className="qa-question">问：{item.question}</p>
          <p className="qa-answer">答：{item.answer}</p>
          <p className="card-meta">{shortTime(item.answeredAt)} 答复</p>
        </div>
      ))}
      {answers.hasNextPage && (
        <Button block onClick={() => void answers.fetchNextPage()}>
          加载更多
        </Button>
      )}
    </section>
  );
}
