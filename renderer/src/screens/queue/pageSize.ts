/** Rows per `queue.list` request of the virtual list. */
export const PAGE_SIZE = 100;
