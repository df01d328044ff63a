package cn.linli.analytics.bulletin;

import cn.linli.shared.audit.DomainEvent;

/** A city set the weights of the three rates in its bulletins. */
record BulletinWeightsSet(String city, int response, int resolution, int satisfaction) implements DomainEvent {

	@Override
	public String action() {
		return "analytics.bulletin-weights-set";
	}

	@Override
	public String subjectType() {
		return "bulletin-weights";
	}

	@Override
	public String subjectId() {
		return city;
	}

	@Override
	public String summary() {
		return "响应率 " + response + "，解决率 " + resolution + "，满意率 " + satisfaction;
	}
}
