/**
 * One video on the page: this browser's preview (muted, mirrored like a mirror) or another
 * participant. Browsers may refuse to play sound before the user has touched the page; the video
 * then plays muted and a button turns the sound on.
 */
import { useEffect, useRef, useState } from 'react';

export interface VideoTileProps {
  stream: MediaStream | null;
  label: string;
  /** This browser's own preview: never played back (echo), shown mirrored. */
  self?: boolean;
  /** Shown over the video, e.g. "Camera off" or "Connecting…". */
  note?: string | null;
  /** The peer connection's state, for tests and support (data-peer-state). */
  peerState?: RTCPeerConnectionState;
}

export function VideoTile({ stream, label, self = false, note = null, peerState }: VideoTileProps) {
  const video = useRef<HTMLVideoElement>(null);
  const [soundBlocked, setSoundBlocked] = useState(false);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = stream;
    if (!stream) return;
    element.play()?.catch((error: unknown) => {
      if (self || !(error instanceof DOMException) || error.name !== 'NotAllowedError') return;
      // Autoplay with sound refused: play muted now, and let the user turn the sound on.
      element.muted = true;
      setSoundBlocked(true);
      element.play()?.catch((retryError: unknown) => console.warn('the video could not start', retryError));
    });
  }, [stream, self]);

  const turnSoundOn = () => {
    const element = video.current;
    if (!element) return;
    element.muted = false;
    setSoundBlocked(false);
    element.play()?.catch((error: unknown) => console.warn('the sound could not start', error));
  };

  return (
    <figure className={self ? 'tile tile-self' : 'tile'} {...(peerState ? { 'data-peer-state': peerState } : {})}>
      <video ref={video} autoPlay playsInline muted={self} aria-label={self ? 'Your camera' : `Video of ${label}`} data-remote={self ? undefined : 'true'} />
      {note && <p className="tile-note">{note}</p>}
      <figcaption className="tile-label">{label}</figcaption>
      {soundBlocked && (
        <button type="button" className="tile-sound" onClick={turnSoundOn}>
          Turn on sound
        </button>
      )}
    </figure>
  );
}
