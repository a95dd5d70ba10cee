import { checkBrowser, detectBrowserFeatures } from './browser-support';

const modern = {
  isSecureContext: true,
  navigator: { mediaDevices: { getUserMedia: () => undefined } },
  RTCPeerConnection: function RTCPeerConnection() {},
  EventSource: function EventSource() {},
};

describe('browser support', () => {
  it('passes a browser with camera access, WebRTC and live updates', () => {
    const features = detectBrowserFeatures(modern);
    expect(features).toEqual({ secureContext: true, getUserMedia: true, peerConnection: true, eventSource: true });
    expect(checkBrowser(features)).toEqual({ status: 'ok', detail: 'Your browser supports video visits.' });
  });

  it('names what is missing and how to get a browser that has it', () => {
    const outcome = checkBrowser(detectBrowserFeatures({ ...modern, navigator: {}, RTCPeerConnection: undefined }));
    expect(outcome).toEqual({
      status: 'failed',
      problem: 'This browser does not support camera and microphone access, video calls (WebRTC).',
      fix: expect.stringMatching(/Chrome, Edge, Safari or Firefox.*Open in browser/),
    });
  });

  it('explains an insecure page (the camera is hidden there)', () => {
    const outcome = checkBrowser(detectBrowserFeatures({ ...modern, isSecureContext: false }));
    expect(outcome).toMatchObject({ status: 'failed', fix: expect.stringMatching(/https:\/\//) });
  });
});
