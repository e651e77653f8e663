// Issue 10: the query budget of the review chain's pages as the
// societies' offices (palliative, oncology) reach them: the queue, every
// application of the tenant by kind, state and stage with its PDF and
// reassignment, /admin/queues by kind and state, the export page and the
// fees.  At most 3 statements each (the session included), nothing
// written on a GET (review-budget.mjs; the reviewers are 113's, the
// board's and the association's offices 118's).

import { reviewBudget } from './review-budget.mjs';

reviewBudget([
	['palliative', 'admin@palliative.example', true],
	['oncology', '300001', true],
]);
