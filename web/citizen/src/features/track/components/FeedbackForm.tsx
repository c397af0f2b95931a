import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { problem } from '../../../lib/api.ts';
import type { Satisfaction } from '../../../lib/api-types.ts';
import {
  REOPEN_DAYS,
  SATISFACTION_NAMES,
  SATISFACTIONS,
} from '../../../../../../shared/domain/workOrders.ts';
import { giveFeedback } from '../api/get-report.ts';

/**
 * 办结了，解决了吗: once per resolution the citizen says whether it is fixed
 * and how satisfied; "not fixed" within 7 days sends it back to the department.
 */
export function FeedbackForm({ id, token }: { id: string; token: string }) {
  const queries = useQueryClient();
  const [fixed, setFixed] = useState<boolean>();
  const [satisfaction, setSatisfaction] = useState<Satisfaction>();
  const [comment, setComment] = useState('');
  const send = useMutation({
    mutationFn: () =>
      giveFeedback(id, token, {
        fixed: fixed ?? false,
        satisfaction: satisfaction ?? 'basic',
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      }),
    onSuccess: (report) => {
      queries.setQueryData(['report', id], report);
    },
  });
  const ready = fixed !== undefined && satisfaction !== undefined;
  return (
    <form
      className="feedback"
      aria-labelledby="feedback-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) send.mutate();
      }}
    >
      <h3 id="feedback-heading" style={{ fontSize: 15 }}>
        办理结果评价
      </h3>
      <fieldset>
        <legend>问题解决了吗？</legend>
        {[
          { value: true, label: '已解决' },
          { value: false, label: '未解决' },
        ].map((option) => (
          <label key={option.label} className="choice">
            <input
              type="radio"
              name="fixed"
              checked={fixed === option.value}
              onChange={() => {
                setFixed(option.value);
              }}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
      {fixed === false && (
        <p className="hint">选“未解决”，{REOPEN_DAYS} 天内这件诉求会退回部门重新办理。</p>
      )}
      <fieldset>
        <legend>您对办理结果满意吗？</legend>
        {SATISFACTIONS.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name="satisfaction"
              checked={satisfaction === value}
              onChange={() => {
                setSatisfaction(value);
              }}
            />
            {SATISFACTION_NAMES[value]}
          </label>
        ))}
      </fieldset>
      <label htmlFor="feedback-comment" className="hint">
        补充说明
      </label>
      <TextArea
        id="feedback-comment"
        value={comment}
        onChange={setComment}
        maxLength={500}
        rows={2}
      />
      {send.isError && (
        <p role="alert" className="error">
          {problem(send.error)}
        </p>
      )}
      <Button color="primary" block type="submit" disabled={!ready} loading={send.isPending}>
        提交评价
      </Button>
    </form>
  );
}
