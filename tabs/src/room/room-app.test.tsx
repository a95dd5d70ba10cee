import { act, fireEvent, render, screen } from '@testing-library/react';
import { RoomApp } from './room-app';
import { ApiError } from '../shared/api-error';
import type { RoomSnapshot } from './room-session';
import { inRoom } from './testing/room-snapshots';

/** A session whose snapshot the test sets; the buttons are recorded. */
function fakeSession(initial: RoomSnapshot) {
  const listeners = new Set<() => void>();
  let snapshot = initial;
  const set = (change: Partial<RoomSnapshot>): void => {
    snapshot = { ...snapshot, ...change };
    for (const listener of listeners) listener();
  };
  return {
    get snapshot(): RoomSnapshot {
      return snapshot;
    },
    subscribe: (listener: () => void): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    toggleMicrophone: jest.fn(() => set({ micOn: !snapshot.micOn })),
    toggleCamera: jest.fn(() => set({ cameraOn: !snapshot.cameraOn })),
    leave: jest.fn(() => set({ phase: 'left' })),
    endVisit: jest.fn(async () => set({ phase: 'left', visitEnded: true })),
    set,
  };
}

describe('the room page', () => {
  it('waits for the clinician, then shows them with the call connected', () => {
    const session = fakeSession(inRoom);
    const { container } = render(<RoomApp session={session} patientToken="tok" onRejoin={() => undefined} />);
    expect(screen.getByRole('heading', { name: 'Your video visit' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Waiting for your clinician to join…');
    expect(container.querySelector('.room')).toHaveAttribute('data-state', 'waiting');

    act(() => session.set({ remotes: [{ peerId: 'doc-00001', role: 'clinician', stream: null, state: 'connecting' }] }));
    expect(screen.getByRole('status')).toHaveTextContent('Connecting…');
    act(() => session.set({ remotes: [{ peerId: 'doc-00001', role: 'clinician', stream: null, state: 'connected' }] }));
    expect(screen.getByRole('status')).toHaveTextContent('Connected');
    expect(screen.getByText('the clinician').closest('figure')).toHaveAttribute('data-peer-state', 'connected');
    expect(screen.getByLabelText('Video of the clinician')).toBeInTheDocument();
    expect(screen.getByLabelText('Your camera')).toBeInTheDocument();
    expect(container.querySelector('.room')).toHaveAttribute('data-call-samples', '0');
    act(() => session.set({ callSamples: 3 }));
    expect(container.querySelector('.room')).toHaveAttribute('data-call-samples', '3');
  });

  it('has toggle buttons whose names stay put, and a leave button', () => {
    const session = fakeSession(inRoom);
    render(<RoomApp session={session} patientToken={null} onRejoin={() => undefined} />);
    const mute = screen.getByRole('button', { name: 'Mute microphone' });
    const camera = screen.getByRole('button', { name: 'Turn camera off' });
    expect(mute).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(mute);
    expect(screen.getByRole('button', { name: 'Mute microphone' })).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(camera);
    expect(screen.getByRole('button', { name: 'Turn camera off' })).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(screen.getByRole('button', { name: 'Leave the visit' }));
    expect(session.leave).toHaveBeenCalled();
    expect(screen.getByRole('status')).toHaveTextContent('You left the visit.');
    expect(screen.getByRole('button', { name: 'Rejoin' })).toBeInTheDocument();
  });

  it('offers End visit to clinicians only; once ended, nobody is offered to rejoin and the patient is offered to rate the visit', async () => {
    const patient = fakeSession(inRoom);
    const { unmount } = render(<RoomApp session={patient} patientToken="tok" onRejoin={() => undefined} />);
    expect(screen.queryByRole('button', { name: 'End visit' })).not.toBeInTheDocument();
    act(() => patient.set({ phase: 'left', visitEnded: true }));
    expect(screen.getByText('The visit has ended. Thank you. You can close this page now.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Tell us how the visit went' })).toHaveAttribute('href', '/lobby/tok');
    expect(screen.queryByRole('button', { name: 'Rejoin' })).not.toBeInTheDocument();
    unmount();

    const clinician = fakeSession({ ...inRoom, role: 'clinician' });
    render(<RoomApp session={clinician} patientToken={null} onRejoin={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'End visit' }));
    expect(clinician.endVisit).toHaveBeenCalled();
    expect(await screen.findByText('The visit has ended. You can close this page now.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Tell us how the visit went' })).not.toBeInTheDocument();
  });

  it('disables the buttons of a missing device and says why', () => {
    render(<RoomApp session={fakeSession({ ...inRoom, hasCamera: false, cameraOn: false, mediaProblem: 'No camera was found.' })} patientToken="tok" onRejoin={() => undefined} />);
    expect(screen.getByRole('alert')).toHaveTextContent('No camera was found.');
    expect(screen.getByRole('button', { name: 'Turn camera off' })).toBeDisabled();
  });

  it('sends a patient who was not let in yet back to the waiting room', () => {
    const error = new ApiError({ code: 'forbidden', message: 'Your clinician has not let you in yet.', status: 403 });
    render(<RoomApp session={fakeSession({ ...inRoom, phase: 'refused', error })} patientToken="tok-1" onRejoin={() => undefined} />);
    expect(screen.getByText('Your clinician has not let you in yet.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the waiting room' })).toHaveAttribute('href', '/lobby/tok-1');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('tells a clinician outside Teams to open the visit from Teams', () => {
    const error = new ApiError({ code: 'unauthenticated', message: 'Sign in first.', status: 401 });
    render(<RoomApp session={fakeSession({ ...inRoom, phase: 'refused', role: null, error })} patientToken={null} onRejoin={() => undefined} />);
    expect(screen.getByRole('heading', { name: 'Video visit' })).toBeInTheDocument();
    expect(screen.getByText('Open the visit from Rounds in Microsoft Teams to sign in.')).toBeInTheDocument();
  });
});
