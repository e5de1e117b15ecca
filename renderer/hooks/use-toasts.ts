import { useCallback, useState } from 'react';
import type { Toast } from '../components/primitives/Toasts';

const TOAST_MS = 7000;

export function useToasts(): [Toast[], (toast: Omit<Toast, 'id'>) => void, (id: number) => void] {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)), []);
  const show = useCallback(
    (toast: Omit<Toast, 'id'>) => {
      const id = Date.now() + Math.random();
      setToasts((list) => [...list.slice(-3), { ...toast, id }]);
      setTimeout(() => dismiss(id), TOAST_MS);
    },
    [dismiss],
  );
  return [toasts, show, dismiss];
}
