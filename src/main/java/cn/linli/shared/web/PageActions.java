package cn.linli.shared.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.linli.shared.domain.DomainException;

/**
 * The one rule of every page that changes something: on success the page says what happened
 * (flash {@code notice}); a refusal the person can correct (a bad value, a conflict) is shown on the
 * page they came from (flash {@code error}, field errors in {@code fieldErrors}); a refusal of access
 * (403, 404) goes to the error page through {@link PageErrorAdvice}.
 */
public final class PageActions {

	private PageActions() {
	}

	/** Runs the action, then redirects to {@code to} with {@code done} or the correctable error. */
	public static String redirect(RedirectAttributes flash, String to, String done, Runnable action) {
		return redirect(flash, () -> to, done, action);
	}

	/** As {@link #redirect(RedirectAttributes, String, String, Runnable)}, where the target is known only once the action ran. */
	public static String redirect(RedirectAttributes flash, Supplier<String> to, String done, Runnable action) {
		try {
			action.run();
			flash.addFlashAttribute("notice", done);
		}
		catch (DomainException e) {
			if (!e.correctable()) {
				throw e;
			}
			flash.addFlashAttribute("error", e.getMessage());
			flash.addFlashAttribute("fieldErrors", fieldErrors(e));
		}
		return "redirect:" + to.get();
	}

	/** As {@link #redirect(RedirectAttributes, String, String, Runnable)}, where the action itself says what it did. */
	public static String redirect(RedirectAttributes flash, String to, Supplier<String> action) {
		try {
			flash.addFlashAttribute("notice", action.get());
		}
		catch (DomainException e) {
			if (!e.correctable()) {
				throw e;
			}
			flash.addFlashAttribute("error", e.getMessage());
			flash.addFlashAttribute("fieldErrors", fieldErrors(e));
		}
		return "redirect:" + to;
	}

	/**
	 * For a form that is shown again with what was typed: runs the action and returns its view, or
	 * puts the correctable error and every field error into the model and returns {@code form}.
	 */
	public static String orForm(Model model, Supplier<String> action, Supplier<String> form) {
		try {
			return action.get();
		}
		catch (DomainException e) {
			if (!e.correctable()) {
				throw e;
			}
			model.addAttribute("error", e.getMessage());
			model.addAttribute("fieldErrors", fieldErrors(e));
			return form.get();
		}
	}

	/** Field name → message, in the order found, for templates: {@code ${fieldErrors['name']}}. */
	public static Map<String, String> fieldErrors(DomainException e) {
		var map = new LinkedHashMap<String, String>();
		e.fieldErrors().forEach(f -> map.putIfAbsent(f.field(), f.message()));
		return map;
	}
}
