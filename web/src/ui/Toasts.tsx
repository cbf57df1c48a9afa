import { describeError } from "../api/errors";
import { Store, useStore } from "../state/store";

interface Toast {
  id: number;
  text: string;
}

const toasts = new Store<Toast[]>([]);
let nextId = 1;

/** Shows an error that is not tied to a form field (a failed action, a refused request) for 8 s. */
export function showError(error: unknown): void {
  const toast = { id: nextId++, text: describeError(error) };
  toasts.set([...toasts.value, toast]);
  window.setTimeout(() => toasts.set(toasts.value.filter((t) => t.id !== toast.id)), 8_000);
}

export function Toasts() {
  const list = useStore(toasts);
  return (
    <div class="toasts">
      {list.map((toast) => (
        <div key={toast.id} class="toast toast-error" role="alert" data-testid="toast-error">
          {toast.text}
          <button class="link" onClick={() => toasts.set(toasts.value.filter((t) => t.id !== toast.id))} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
