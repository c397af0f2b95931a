import { DotLoading } from 'antd-mobile';

/** A screen still loading, or what went wrong. */
export function Pending({ failure }: { failure?: string | undefined }) {
  return failure ? (
    <p className="section error" role="alert">
      {failure}
    </p>
  ) : (
    <div className="centered">
      <DotLoading color="primary" />
    </div>
  );
}
