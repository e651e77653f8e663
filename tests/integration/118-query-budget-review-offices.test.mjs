// Issue 10: the query budget of the review chain's pages as the board's
// and the medical association's offices reach them: the queue, every
// application of the tenant by kind, state and stage with its PDF and
// reassignment, /admin/queues by kind and state, the export page, the
// fees, and the board's decision page (/admin/results).  At most 3
// statements each (the session included), nothing written on a GET
// (review-budget.mjs; the reviewers are 113's, the societies' offices
// 119's: one file each would outlast the runner's time per file).

import { reviewBudget } from './review-budget.mjs';

reviewBudget([
	['board', '455012', true],
	['medassoc', '1300001', true],
]);
