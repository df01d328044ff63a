package cn.linli.notice.board;

import cn.linli.notice.Duty;
import cn.linli.registry.RegistryDirectory.CompoundFacts;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;

/**
 * Who may read and post on a compound's board. Its residents, committee and staff, the company
 * serving it and the regions above it read; the company (its head office or its staff on site)
 * posts every kind of notice, the committee general notices and the fund's use and common income,
 * the community general notices.
 */
public final class NoticeAccess {

	/** Who posts, as the board shows it. */
	public enum Author {
		COMPANY("物业服务企业"), COMMITTEE("业主委员会"), COMMUNITY("社区居委会"), BUREAU("住房城乡建设部门");

		private final String label;

		Author(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}
	}

	private NoticeAccess() {
	}

	public static boolean maySee(Scope scope, CompoundFacts compound) {
		return compound.seenBy(scope);
	}

	/** As whom the caller posts on the compound's board; null when it may not post. */
	public static Author author(Scope scope, CompoundFacts compound) {
		if (compound.servedBy(scope)) {
			return Author.COMPANY;
		}
		if (compound.ownersSide(scope)) {
			return scope.role() == Role.COMMITTEE ? Author.COMMITTEE : Author.COMMUNITY;
		}
		return null;
	}

	public static boolean mayPost(Author author, Duty duty) {
		return switch (author) {
			case COMPANY, BUREAU -> true;
			case COMMITTEE -> duty.committeeMayPost();
			case COMMUNITY -> duty == Duty.GENERAL;
		};
	}
}
