import { useEffect, useRef } from 'react';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  danger?: boolean;
  disabled?: boolean;
}

interface ContextMenuProps {
  at: { x: number; y: number };
  label: string;
  items: readonly MenuItem[];
  onClose: () => void;
}

/** A context menu that works with the mouse and the keyboard (arrows, Enter, Escape); focus returns on close. */
export function ContextMenu({ at, label, items, onClose }: ContextMenuProps) {
  const menu = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const previous = document.activeElement;
    menu.current?.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
    const close = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('mousedown', close);
    return () => {
      window.removeEventListener('mousedown', close);
      if (previous instanceof HTMLElement) previous.focus();
    };
  }, [onClose]);

  const move = (step: number) => {
    const buttons = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(index + step + buttons.length) % buttons.length]?.focus();
  };

  return (
    <ul
      ref={menu}
      className="context-menu"
      role="menu"
      aria-label={label}
      style={{ left: Math.min(at.x, window.innerWidth - 230), top: Math.min(at.y, window.innerHeight - items.length * 32 - 16) }}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Escape') onClose();
        else if (event.key === 'ArrowDown') move(1);
        else if (event.key === 'ArrowUp') move(-1);
        else return;
        event.preventDefault();
      }}
    >
      {items.map((item) => (
        <li key={item.label} role="none">
          <button
            type="button"
            role="menuitem"
            className={item.danger ? 'is-danger' : undefined}
            disabled={item.disabled}
            onClick={() => {
              onClose();
              item.onSelect();
            }}
          >
            {item.label}
          </button>
        </li>
      ))}
    </ul>
  );
}
