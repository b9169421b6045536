import { createStore } from './store';

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  action?: { label: string; run: () => void | Promise<void> };
}

export const toasts = createStore<{ items: Toast[] }>({ items: [] });
let nextId = 1;

export function showToast(t: Omit<Toast, 'id' | 'tone'> & { tone?: Toast['tone'] }): number {
  const id = nextId++;
  toasts.set((s) => ({ items: [...s.items.slice(-3), { tone: 'info', ...t, id }] }));
  return id;
}

export function dismissToast(id: number): void {
  toasts.set((s) => ({ items: s.items.filter((t) => t.id !== id) }));
}

export function showError(err: unknown): void {
  showToast({ message: err instanceof Error ? err.message : String(err), tone: 'error' });
}
