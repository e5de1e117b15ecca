import type { Ref } from 'react';

/**
 * The file input behind a "Choose a file…" button: hidden from sight and from Tab (the button is what a person
 * reaches), but labelled, so assistive technology and tests can still find it. The value is cleared after each pick,
 * so choosing the same file again (after fixing it, say) fires again.
 */
export function HiddenFilePicker({
  ref,
  accept,
  label,
  disabled,
  onFile,
}: {
  ref: Ref<HTMLInputElement>;
  accept: string;
  label: string;
  disabled?: boolean;
  onFile: (file: File) => void;
}) {
  return (
    <input
      ref={ref}
      tabIndex={-1}
      className="visually-hidden"
      type="file"
      accept={accept}
      aria-label={label}
      disabled={disabled}
      onChange={(event) => {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (file) onFile(file);
      }}
    />
  );
}
