package cn.linli.shared.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;

/** Pages show the same refusals as the API, in Chinese, with the right status and never a stack trace. */
@ControllerAdvice(annotations = Controller.class)
public class PageErrorAdvice {

	private static final Logger log = LoggerFactory.getLogger(PageErrorAdvice.class);

	@ExceptionHandler(DomainException.class)
	ModelAndView domain(DomainException e) {
		if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
			log.warn("page access denied for {}: {}", user(), e.getMessage());
		}
		return page(e.status(), e.getMessage());
	}

	@ExceptionHandler(AccessDeniedException.class)
	ModelAndView denied(AccessDeniedException e) {
		log.warn("page access denied for {}: {}", user(), e.getMessage());
		return page(HttpStatus.FORBIDDEN, "您无权访问该页面");
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ModelAndView stale() {
		return page(HttpStatus.CONFLICT, "数据已被他人修改，请返回刷新后重试");
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ModelAndView integrity(DataIntegrityViolationException e) {
		return page(HttpStatus.CONFLICT, "数据冲突：" + ConstraintMessages.explain(e));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ModelAndView badParameter() {
		return page(HttpStatus.BAD_REQUEST, "请求参数格式错误");
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ModelAndView tooLarge() {
		return page(HttpStatus.PAYLOAD_TOO_LARGE, "上传文件过大");
	}

	private static ModelAndView page(HttpStatus status, String message) {
		var mv = new ModelAndView("error");
		mv.setStatus(status);
		mv.addObject("status", status.value());
		mv.addObject("message", message);
		// exception views skip the @ModelAttribute methods, so the navigation needs the caller here
		mv.addObject("actor", CurrentActor.find().orElse(null));
		return mv;
	}

	private static String user() {
		return CurrentActor.find().map(a -> a.username()).orElse("anonymous");
	}
}
