package cn.linli.fee.billing;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.linli.shared.domain.DomainException;

/** The gateway when none is configured (an adapter is declared {@code @Primary}): online payment is off, and no notification is believed. */
@Component
class NoOnlinePayment implements PaymentGateway {

	@Override
	public boolean enabled() {
		return false;
	}

	@Override
	public Checkout start(long billId, long amountFen, String description) {
		throw DomainException.conflict("online-payment-off", "本平台尚未开通在线缴费，请向物业服务中心以现金或转账缴纳");
	}

	@Override
	public Optional<Confirmed> verify(Map<String, String> notification) {
		return Optional.empty();
	}
}
