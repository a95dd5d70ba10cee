/** Text for screen readers only (the classic "sr-only" rules): for meaning a glyph carries visually. */
import { makeStyles } from '@fluentui/react-components';

export const useVisuallyHiddenStyles = makeStyles({
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0, 0, 0, 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});
