/**
 * Copies the patient's join link. Teams does not grant every tab clipboard access, so when the
 * browser refuses, the link is shown selected in a read-only field for the user to copy by hand.
 */
import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  copied: { color: tokens.colorPaletteGreenForeground1 },
  fallback: { flexBasis: '100%', minWidth: '280px' },
});

/** How long "Copied" stays on screen (it is announced once by the live region). */
export const COPIED_MS = 4000;

export interface CopyPatientLinkProps {
  url: string;
  patientName: string;
  /** Defaults to the browser's, which is undefined outside secure contexts (the DOM typings say otherwise). */
  clipboard?: Pick<Clipboard, 'writeText'> | undefined;
}

export function CopyPatientLink({ url, patientName, clipboard = navigator.clipboard }: CopyPatientLinkProps) {
  const styles = useStyles();
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state === 'copied') {
      const timer = setTimeout(() => setState('idle'), COPIED_MS);
      return () => clearTimeout(timer);
    }
    if (state === 'manual') {
      field.current?.focus();
      field.current?.select();
    }
    return undefined;
  }, [state]);

  async function copy() {
    try {
      if (!clipboard) throw new Error('no clipboard');
      await clipboard.writeText(url);
      setState('copied');
    } catch {
      // Refused (no permission in this frame) or absent: the field below lets the user copy it.
      setState('manual');
    }
  }

  return (
    <span className={styles.root}>
      <Button onClick={() => void copy()} aria-label={`Copy patient link for ${patientName}`}>
        Copy patient link
      </Button>
      {/* Always mounted, so screen readers announce the confirmation when the text appears. */}
      <Text role="status" className={styles.copied}>
        {state === 'copied' ? 'Copied' : ''}
      </Text>
      {state === 'manual' && (
        <Field className={styles.fallback} label={`Patient link for ${patientName}`} hint="Copying is not allowed here: the link is selected, press Ctrl+C (⌘C on a Mac) to copy it.">
          <Input ref={field} readOnly value={url} />
        </Field>
      )}
    </span>
  );
}
