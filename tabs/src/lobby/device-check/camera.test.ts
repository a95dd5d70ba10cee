import { domError, fakeMedia, fakeStream } from '../testing/lobby-fakes';
import { CAMERA_CONSTRAINTS, startCamera, stopStream } from './camera';
import { explainMediaError } from './media-errors';

describe('camera', () => {
  it('asks for the front camera only and hands back the stream', async () => {
    const media = fakeMedia();
    const started = await startCamera(media);

    expect(media.requests).toEqual([CAMERA_CONSTRAINTS]);
    expect(CAMERA_CONSTRAINTS.audio).toBe(false);
    expect(started.ok && started.stream).toBe(media.streams[0]);
  });

  it.each([
    ['NotAllowedError', /^Allow camera access in your browser settings/],
    ['NotReadableError', /^Close other apps that use the camera/],
    ['NotFoundError', /^Connect a camera/],
    ['OverconstrainedError', /^Connect a camera/],
    ['SomethingElse', /^Press “Try again”/],
  ])('says what to do about %s', async (name, fix) => {
    const started = await startCamera(fakeMedia({ camera: domError(name) }));
    expect(started).toEqual({ ok: false, outcome: { status: 'failed', problem: expect.any(String), fix: expect.stringMatching(fix) } });
  });

  it('explains a browser without camera access', async () => {
    const started = await startCamera(undefined);
    expect(started).toMatchObject({ ok: false, outcome: { problem: 'This browser cannot use the camera on this page.' } });
  });

  it('stops every track (the camera light goes out)', () => {
    const stream = fakeStream('video', 'audio');
    stopStream(stream);
    expect(stream.tracks.map((track) => track.stopped)).toEqual([true, true]);
    expect(() => stopStream(null)).not.toThrow();
  });

  it('words microphone problems for the microphone', () => {
    expect(explainMediaError(domError('NotAllowedError'), 'microphone').fix).toMatch(/^Allow microphone access/);
    expect(explainMediaError(domError('NotReadableError'), 'microphone').fix).toMatch(/^Close other apps that use the microphone/);
    expect(explainMediaError('weird', 'microphone').problem).toBe('The microphone did not start.');
  });
});
