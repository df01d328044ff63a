package cn.linli.appeal.handling;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

import cn.linli.appeal.HandlerKind;
import cn.linli.appeal.domain.AppealPermissions;
import cn.linli.appeal.domain.AppealPhotos;
import cn.linli.appeal.domain.AppealSteps;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;

/**
 * The handler's work on an appeal it holds: 签收, start, assign to a staff member of the compound,
 * notes, wait for the resident (pauses the resolve clock), resolve with result and photos, and
 * 派单异议 (not ours). The handler is the company under contract (its admin, or its staff at the
 * compound), or the community for an appeal it handles itself.
 */
@Service
@Transactional
public class HandlingAnAppeal {

	private final AppealSteps steps;
	private final AppealPhotos photos;
	private final RegistryDirectory directory;

	HandlingAnAppeal(AppealSteps steps, AppealPhotos photos, RegistryDirectory directory) {
		this.steps = steps;
		this.photos = photos;
		this.directory = directory;
	}

	public void accept(Actor actor, long id, Integer version) {
		handle(actor, id, version, (a, now) -> a.accept(now));
	}

	public void start(Actor actor, long id, Integer version) {
		handle(actor, id, version, (a, now) -> a.start(now));
	}

	public void assign(Actor actor, long id, Integer version, Long staffId) {
		if (staffId == null) {
			throw DomainException.invalid("staffId", "请选择指派的人员");
		}
		handle(actor, id, version, (a, now) -> {
			if (a.handlerKind() != HandlerKind.COMPANY) {
				throw DomainException.conflict("not-a-company", "只有物业企业承办的诉求可以指派人员");
			}
			var staff = directory.staffServing(a.handlerCompanyId(), a.compoundId()).stream().filter(s -> s.id() == staffId).findFirst()
				.orElseThrow(() -> DomainException.invalid("staffId", "只能指派本企业服务该小区的人员"));
			return a.assign(staffId, staff.name(), now);
		});
	}

	public void note(Actor actor, long id, String note) {
		String text = AppealSteps.required(note, "note", "请填写备注");
		handle(actor, id, null, (a, now) -> a.note(text, now));
	}

	public void pause(Actor actor, long id, Integer version, String reason) {
		String why = AppealSteps.required(reason, "reason", "请说明需要居民配合的事项（如入户时间）", 200);
		handle(actor, id, version, (a, now) -> a.pause(why, now));
	}

	public void resume(Actor actor, long id, Integer version) {
		handle(actor, id, version, (a, now) -> a.resume(now));
	}

	public void resolve(Actor actor, long id, Integer version, String result, List<MultipartFile> files) {
		String text = AppealSteps.required(result, "result", "请填写办理结果");
		var chosen = AppealPhotos.chosen(files);
		handle(actor, id, version, (a, now) -> {
			var step = a.resolve(text, now);
			photos.store(a.id(), chosen, AppealPhotos.Stage.RESULT);
			return step;
		});
	}

	public void rejectRoute(Actor actor, long id, Integer version, String reason) {
		String why = AppealSteps.required(reason, "reason", "请说明不属于本单位处理的理由");
		handle(actor, id, version, (a, now) -> a.rejectRoute(why, now));
	}

	private void handle(Actor actor, long id, Integer version, AppealSteps.Action action) {
		var a = steps.visible(actor, id, version);
		if (!AppealPermissions.canHandle(actor, a)) {
			throw DomainException.forbidden("您不是该诉求的承办人");
		}
		steps.apply(actor, a, action);
	}
}
