package cn.linli.shared.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.web.error.Failures;

/**
 * Pages show the same refusals as the API ({@link Failures}), in Chinese, on the error page with
 * the layout and a way home, with the right status and never a stack trace.
 */
@Order(0)
@ControllerAdvice(annotations = Controller.class)
public class PageErrorAdvice {

	private static final Logger log = LoggerFactory.getLogger(PageErrorAdvice.class);

	@ExceptionHandler(AccessDeniedException.class)
	ModelAndView denied(AccessDeniedException e) {
		log.warn("page access denied for {}: {}", user(), e.getMessage());
		return page(HttpStatus.FORBIDDEN, "您无权访问该页面");
	}

	@ExceptionHandler(Exception.class)
	ModelAndView failed(Exception e) {
		var failure = Failures.of(e);
		if (failure.serverError()) {
			log.error("page failed for {}", user(), e);
		}
		else if (failure.status() == HttpStatus.FORBIDDEN || failure.status() == HttpStatus.NOT_FOUND) {
			log.warn("page access denied for {}: {}", user(), failure.detail());
		}
		return page(failure.status(), failure.detail());
	}

	public static ModelAndView page(HttpStatus status, String message) {
		var mv = new ModelAndView("error");
		mv.setStatus(status);
		mv.addObject("status", status.value());
		mv.addObject("heading", Failures.title(status));
		mv.addObject("message", message);
		// exception views skip the @ModelAttribute methods, so the navigation needs the caller here
		mv.addObject("actor", CurrentActor.find().orElse(null));
		return mv;
	}

	private static String user() {
		return CurrentActor.find().map(a -> a.username()).orElse("anonymous");
	}
}
