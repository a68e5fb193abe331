import { makeStyles } from '@fluentui/react-components';
import { forwardRef } from 'react';

const useStyles = makeStyles({
  // Visually hidden but present for assistive technology and tests; a Fluent button opens it.
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0, 0, 0, 0)',
    whiteSpace: 'nowrap',
  },
});

export interface HiddenFileInputProps {
  /** The accessible name (the visible control is the button that clicks this input). */
  label: string;
  accept: string;
  multiple?: boolean;
  /** The chosen files; the input is cleared first, so choosing the same file again fires again. */
  onFiles: (files: File[]) => void;
}

/** The file picker behind a "choose file" button: hidden, out of the tab order, reset after each choice. */
export const HiddenFileInput = forwardRef<HTMLInputElement, HiddenFileInputProps>(function HiddenFileInput({ label, accept, multiple, onFiles }, ref) {
  const s = useStyles();
  return (
    <input
      ref={ref}
      className={s.hidden}
      type="file"
      multiple={multiple}
      tabIndex={-1}
      aria-label={label}
      accept={accept}
      onChange={(e) => {
        const files = Array.from(e.target.files ?? []);
        e.target.value = '';
        if (files.length) onFiles(files);
      }}
    />
  );
});
