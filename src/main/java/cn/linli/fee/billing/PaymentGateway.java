package cn.linli.fee.billing;

import java.util.Map;
import java.util.Optional;

/**
 * The port for paying a bill online (WeChat Pay, Alipay, a bank's aggregate payment): an adapter
 * starts a checkout for a bill and verifies the gateway's signed notification. Without an adapter
 * the platform takes payments recorded by the company (cash, transfer) only.
 */
public interface PaymentGateway {

	/** Where the resident pays: the gateway's page or QR code content. */
	record Checkout(String url) {
	}

	/** A payment the gateway confirms: its reference (unique at the gateway), the bill and the amount in fen. */
	record Confirmed(String reference, long billId, long amountFen) {
	}

	boolean enabled();

	Checkout start(long billId, long amountFen, String description);

	/** The confirmed payment if the notification is genuine (its signature checked); empty otherwise. */
	Optional<Confirmed> verify(Map<String, String> notification);
}
