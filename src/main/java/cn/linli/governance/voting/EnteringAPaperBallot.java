package cn.linli.governance.voting;

import java.time.Clock;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

import cn.linli.governance.PaperBallotRecorded;
import cn.linli.governance.domain.Ballot.Choice;
import cn.linli.governance.domain.MotionAccess;
import cn.linli.governance.domain.Roll;
import cn.linli.governance.domain.Rolls;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.FieldErrors;
import cn.linli.shared.security.Actor;
import cn.linli.shared.upload.UploadStore;

/**
 * 纸质表决票: the committee (or the convening community) enters a signed paper ballot with its
 * scanned sheet; a proxy's or guardian's ballot also with the uploaded authorisation. Like any
 * ballot it supersedes the voter's earlier one, online or paper, and the voter's owners are told in
 * their inbox that a paper ballot was recorded in their name.
 */
@Service
@Transactional
public class EnteringAPaperBallot {

	private static final UploadStore.Type[] SCANS = { UploadStore.Type.JPEG, UploadStore.Type.PNG, UploadStore.Type.PDF };

	/**
	 * The sheet as entered: {@code voterId} names the voter (its houses), or {@code ownerId} an owner
	 * who belongs to one voter only; {@code ownerId} is also who signed (default: the representative).
	 */
	public record PaperBallot(String voterId, String ownerId, Choice choice, List<String> candidates, boolean proxy) {
	}

	private final MotionAccess access;
	private final BallotBox box;
	private final Rolls rolls;
	private final RegistryDirectory directory;
	private final UploadStore uploads;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	EnteringAPaperBallot(MotionAccess access, BallotBox box, Rolls rolls, RegistryDirectory directory, UploadStore uploads, Clock clock,
			ApplicationEventPublisher events) {
		this.access = access;
		this.box = box;
		this.rolls = rolls;
		this.directory = directory;
		this.uploads = uploads;
		this.clock = clock;
		this.events = events;
	}

	/** The receipt, and the voter's houses as the sheet is filed under. */
	public record Entered(Receipt receipt, String houses) {
	}

	public Entered enter(Actor actor, long motionId, PaperBallot sheet, MultipartFile scan, MultipartFile authorisation) {
		access.requireBallotKeeper(actor, access.visible(actor, motionId));
		var motion = box.lockOpen(motionId, clock.instant());
		var roll = rolls.of(motion);
		var errors = new FieldErrors();
		var voter = errors.collect(() -> voter(roll, sheet));
		String signedBy = voter == null ? null : errors.collect(() -> signer(voter, sheet.ownerId()));
		var marks = errors.collect(() -> BallotBox.marks(motion, sheet.choice(), sheet.candidates()));
		errors.check(scan == null || scan.isEmpty(), "sheet", "须上传纸质表决票扫描件");
		errors.check(sheet.proxy() && (authorisation == null || authorisation.isEmpty()), "authorisation", "代理或监护投票须上传授权委托书");
		errors.throwIfAny();
		// stored inside the transaction: a refusal of either file removes the other with the rollback
		String sheetKey = errors.collect(() -> uploads.store(scan, "sheet", SCANS));
		String authKey = sheet.proxy() ? errors.collect(() -> uploads.store(authorisation, "authorisation", SCANS)) : null;
		errors.throwIfAny();
		var receipt = box.cast(motion, voter, signedBy, BallotBox.Channel.PAPER, marks, sheet.proxy(),
				authKey == null ? sheetKey : sheetKey + "|" + authKey, clock.instant());
		String houses = houses(actor, voter);
		events.publishEvent(new PaperBallotRecorded(motionId, motion.compoundId(), motion.title(), houses,
				voter.ownerIds().stream().map(Long::valueOf).toList(), "ONLINE".equals(receipt.replacedChannel()), receipt.ballotId()));
		return new Entered(receipt, houses);
	}

	private static Roll.Voter voter(Roll roll, PaperBallot sheet) {
		if (sheet.voterId() != null && !sheet.voterId().isBlank()) {
			return roll.voter(sheet.voterId().trim()).filter(Roll.Voter::canVote)
				.orElseThrow(() -> DomainException.invalid("voterId", "该户不在本次表决名册中"));
		}
		if (sheet.ownerId() == null || sheet.ownerId().isBlank()) {
			throw DomainException.invalid("voterId", "请选择为哪一户录入");
		}
		var voters = roll.votersOf(sheet.ownerId().trim());
		if (voters.isEmpty() && Roll.DEVELOPER.equals(sheet.ownerId().trim())) {
			return roll.voter(Roll.DEVELOPER).orElseThrow(() -> DomainException.invalid("ownerId", "本次表决名册中没有开发建设单位"));
		}
		if (voters.isEmpty()) {
			throw DomainException.invalid("ownerId", "该业主不在本次表决名册中");
		}
		if (voters.size() > 1) {
			throw DomainException.invalid("voterId", "该业主属于 " + voters.size() + " 个表决权人（不同房屋），请指明为哪一户录入（voterId）");
		}
		return voters.get(0);
	}

	private static String signer(Roll.Voter voter, String ownerId) {
		if (ownerId == null || ownerId.isBlank()) {
			return voter.representative();
		}
		if (!voter.isDeveloper() && !voter.ownerIds().contains(ownerId.trim())) {
			throw DomainException.invalid("ownerId", "签名的业主不是该户的业主");
		}
		return ownerId.trim();
	}

	private String houses(Actor actor, Roll.Voter voter) {
		if (voter.isDeveloper()) {
			return "开发建设单位";
		}
		var labels = directory.houseLabels(actor.scope(), voter.houseIds().stream().map(Long::valueOf).toList());
		return String.join("、", voter.houseIds().stream().map(h -> labels.getOrDefault(Long.valueOf(h), h)).toList());
	}
}
