package cn.linli.shared.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import cn.linli.shared.security.Actor;
import cn.linli.shared.security.CurrentActor;

/** Every page knows who is looking, for the navigation. */
@ControllerAdvice(annotations = Controller.class)
class ActorModelAdvice {

	@ModelAttribute("actor")
	Actor actor() {
		return CurrentActor.find().orElse(null);
	}
}
