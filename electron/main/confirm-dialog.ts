import type { Dialog } from 'electron';
import type { ActionQuestion, Confirmation } from './tray-actions.ts';

const ANSWERS: readonly Confirmation[] = ['confirm', 'dashboard', 'cancel'];

/** A native message box with the action, "Give a reason in the dashboard…" and Cancel (the default). */
export function dialogConfirm(
  dialog: Pick<Dialog, 'showMessageBox'>,
): (question: ActionQuestion) => Promise<Confirmation> {
  return async (question) => {
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      title: `Haltwatch: ${question.title}`,
      message: question.message,
      detail: question.detail,
      buttons: [question.confirmLabel, 'Give a reason in the dashboard…', 'Cancel'],
      defaultId: 2,
      cancelId: 2,
      noLink: true,
    });
    return ANSWERS[response] ?? 'cancel';
  };
}
