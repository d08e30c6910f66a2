// A modal confirmation (<dialog>: focus is kept inside, Escape cancels; it opens on Cancel and gives focus
// back to the button that opened it) that runs `onConfirm` on its button. The view opens it by its ref.
import type { RefObject } from 'preact';

export function ConfirmDialog({
  id,
  dialog,
  title,
  text,
  action,
  onConfirm,
}: {
  id: string;
  dialog: RefObject<HTMLDialogElement>;
  title: string;
  text: string;
  action: string;
  onConfirm: () => unknown;
}) {
  return (
    <dialog
      id={id}
      ref={dialog}
      aria-labelledby={`${id}-title`}
      onClose={(event) => event.currentTarget.returnValue === 'confirm' && onConfirm()}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <p>{text}</p>
      <form method="dialog">
        <button type="submit" value="cancel">
          Cancel
        </button>{' '}
        <button type="submit" value="confirm" id={`${id}-button`}>
          {action}
        </button>
      </form>
    </dialog>
  );
}
