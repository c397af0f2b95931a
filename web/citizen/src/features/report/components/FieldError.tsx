/** A field's refusal, read out as it appears. */
export function FieldError({ message }: { message: string | undefined }) {
  return message ? (
    <p className="error" role="alert">
      {message}
    </p>
  ) : null;
}
