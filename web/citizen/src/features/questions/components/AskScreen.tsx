import { Button, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { problem } from '../../../lib/api.ts';
import { keepQuestion, myQuestions } from '../../../lib/myQuestions.ts';
import { shortTime } from '../../../lib/labels.ts';
import { ask } from '../api/questions.ts';

/** 我要提问: ask how to get something done; the answer comes back here (its code is kept on this phone). */
export default function AskScreen() {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const [asked, setAsked] = useState<string>();
  const mine = myQuestions();
  const submit = async () => {
    if (!text.trim()) {
      setError('请填写您的问题');
      return;
    }
    setSending(true);
    setError(undefined);
    try {
      const created = await ask(text.trim());
      keepQuestion({
        id: created.id,
        trackingToken: created.trackingToken,
        question: text.trim(),
        askedAt: new Date().toISOString(),
      });
      setAsked(created.id);
      setText('');
    } catch (failed) {
      setError(problem(failed));
    } finally {
      setSending(false);
    }
  };
  return (
    <div>
      <h2 className="screen-title">我要提问</h2>
      <form
        className="section"
        aria-label="我要提问"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label className="field-label" htmlFor="question">
          您的问题
        </label>
        <TextArea
          id="question"
          placeholder="例如：新生儿户口怎么办理？请勿填写身份证号、手机号"
          maxLength={500}
          rows={4}
          value={text}
          onChange={setText}
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <Button block color="primary" type="submit" loading={sending} style={{ marginTop: 12 }}>
          提交问题
        </Button>
      </form>
      {asked && (
        <p className="section" role="status">
          已提交。答复后可在下方“我的提问”中查看。
        </p>
      )}
      {mine.length > 0 && (
        <section className="section" aria-labelledby="mine">
          <h2 id="mine">我的提问</h2>
          <ul className="article-list">
            {mine.map((question) => (
              <li key={question.id}>
                <a href={`#/question/${question.id}`}>{question.question}</a>
                <span className="card-meta">{shortTime(question.askedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
