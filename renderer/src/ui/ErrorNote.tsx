/** A field's validation message under it; announced as it appears. */
export function ErrorNote({ message, id }: { message: string | undefined; id?: string }) {
  if (!message) return null;
  return (
    <span id={id} className="error small field-error" role="alert">
      {message}
    </span>
  );
}
