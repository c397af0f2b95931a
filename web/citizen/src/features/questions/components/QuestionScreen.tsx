import { useQuery } from '@tanstack/react-query';
import { DotLoading } from 'antd-mobile';
import { problem } from '../../../lib/api.ts';
import { shortTime } from '../../../lib/labels.ts';
import { findMyQuestion } from '../../../lib/myQuestions.ts';
import { questionQuery } from '../api/questions.ts';

/** One question and its answer: a public one for anyone, the asker's own with the code kept on this phone. */
export default function QuestionScreen({ id }: { id: string }) {
  const question = useQuery(questionQuery(id, findMyQuestion(id)?.trackingToken));
  if (question.isPending)
    return (
      <div className="centered">
        <DotLoading color="primary" />
      </div>
    );
  if (question.error)
    return (
      <p className="error" role="alert">
        {problem(question.error)}
      </p>
    );
  const { answer, answeredAt, askedAt } = question.data;
  return (
    <article className="section" aria-labelledby="question-title">
      <h2 id="question-title">问：{question.data.question}</h2>
      <p className="card-meta">{shortTime(askedAt)} 提问</p>
      {answer ? (
        <>
          <p className="qa-answer">答：{answer}</p>
          {answeredAt && <p className="card-meta">{shortTime(answeredAt)} 答复</p>}
        </>
      ) : (
        <p className="hint">正在办理，答复后会显示在这里。</p>
      )}
    </article>
  );
}
