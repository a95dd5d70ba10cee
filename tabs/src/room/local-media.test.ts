import { openLocalMedia } from './local-media';

const stream = (...kinds: string[]) => ({ getTracks: () => kinds.map((kind) => ({ kind })) }) as unknown as MediaStream;
const failure = (name: string) => Object.assign(new Error(name), { name });

describe('the camera and microphone', () => {
  it('turns both on', async () => {
    const getUserMedia = jest.fn(async () => stream('audio', 'video'));
    expect(await openLocalMedia(getUserMedia)).toEqual({ stream: expect.anything(), problem: null });
    expect(getUserMedia).toHaveBeenCalledWith(expect.objectContaining({ audio: expect.anything(), video: expect.anything() }));
  });

  it('joins with the microphone alone when there is no camera, and says so', async () => {
    const getUserMedia = jest.fn(async (constraints: MediaStreamConstraints) => {
      if (constraints.video) throw failure('NotFoundError');
      return stream('audio');
    });
    const media = await openLocalMedia(getUserMedia);
    expect(media.stream).not.toBeNull();
    expect(media.problem).toBe('No camera was found. You can still see and hear the other person.');
  });

  it('does not ask again for less after a refusal, and explains how to allow it', async () => {
    const getUserMedia = jest.fn(async () => {
      throw failure('NotAllowedError');
    });
    const media = await openLocalMedia(getUserMedia);
    expect(getUserMedia).toHaveBeenCalledTimes(1);
    expect(media).toEqual({ stream: null, problem: expect.stringContaining('is blocked for this page') });
  });

  it('still joins, to watch and listen, where the browser has no getUserMedia', async () => {
    expect(await openLocalMedia(undefined)).toEqual({ stream: null, problem: expect.stringContaining('cannot use a camera or microphone') });
  });

  it('says when another app holds the devices', async () => {
    const media = await openLocalMedia(async () => {
      throw failure('NotReadableError');
    });
    expect(media.problem).toBe('Your camera or microphone is in use by another app. Close that app, then reload the page.');
  });
});
