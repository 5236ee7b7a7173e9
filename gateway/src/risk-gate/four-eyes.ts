import type { Caller } from '../auth/credentials';
import { ApiError } from '../http/api-error';
import type { ReviewItem } from './decision-store';

/**
 * Four eyes: the officer who asked for the assessment that queued a review may not decide it,
 * approve or reject. (A review queued before who asked was recorded names no one.)
 */
export function assertSecondOfficer(review: ReviewItem, officer: Caller): void {
  if (review.requestedBy !== null && review.requestedBy === officer.credential) {
    throw new ApiError(
      'FORBIDDEN',
      `four eyes: ${officer.credential} asked for the assessment of ${review.kind} ${review.financingId}; another officer of ${review.bankMsp} decides it`,
    );
  }
}
