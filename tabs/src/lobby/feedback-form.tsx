/**
 * After the visit: a rating from 1 "Very poor" to 5 "Very good" (a radio group, each choice in words
 * as well as its number) and an optional comment. One answer per link: once given, the page thanks
 * the patient instead of asking again.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { FEEDBACK_COMMENT_MAX } from '../../../bot/src/contracts/lobby-api';
import type { FeedbackInput } from '../../../bot/src/contracts/lobby-api';

export const RATING_WORDS = ['Very poor', 'Poor', 'Fair', 'Good', 'Very good'] as const;

export interface FeedbackFormProps {
  /** The rating this link gave already; null while not answered. */
  given: number | null;
  /** Sends the answer; rejects with an Error whose message is fit to show the patient. */
  send: (input: FeedbackInput) => Promise<void>;
}

export function FeedbackForm({ given, send }: FeedbackFormProps) {
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (given !== null) {
    return (
      <p className="notice" role="status">
        Thank you for your feedback. You rated this visit {given} out of 5 ({RATING_WORDS[given - 1]}).
      </p>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (rating === null) {
      setError('Choose a rating from 1 to 5.');
      document.getElementById('feedback-rating-1')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const text = comment.trim();
      await send({ rating, ...(text ? { comment: text } : {}) });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'We could not send your feedback. Please try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="feedback-form" onSubmit={(event) => void submit(event)} noValidate>
      <fieldset className="tone-question">
        <legend>How was your video visit?</legend>
        {RATING_WORDS.map((words, index) => {
          const value = index + 1;
          return (
            <label key={value} className="choice">
              <input id={`feedback-rating-${value}`} type="radio" name="rating" value={value} checked={rating === value} onChange={() => setRating(value)} />
              {value} – {words}
            </label>
          );
        })}
      </fieldset>
      <div className="field">
        <label htmlFor="feedback-comment">Anything you would like to tell the clinic (optional)</label>
        <textarea
          id="feedback-comment"
          name="comment"
          rows={4}
          maxLength={FEEDBACK_COMMENT_MAX}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          aria-describedby="feedback-comment-count"
        />
        <p id="feedback-comment-count" className="hint">
          {FEEDBACK_COMMENT_MAX - comment.length} characters left
        </p>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? 'Sending…' : 'Send feedback'}
      </button>
    </form>
  );
}
