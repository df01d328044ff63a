package cn.linli.appeal;

/**
 * What waits for someone, for its home page: as handler, appeals to accept (签收), in progress,
 * past their clock, back with it (不满意 reopened, or 派单异议 for the community to re-dispatch),
 * waiting for the resident; as supervisor, appeals at its level of the ladder and those of them
 * overdue.
 */
public record Workload(long toAccept, long inProgress, long overdue, long returned, long waitingForResident, long onMyBoard,
		long boardOverdue) {
}
