package cn.linli.notification;

/** Sends a notice outside the platform (SMS, WeChat …). The inbox row is written first; this is best effort on top. */
public interface Notifier {

	void send(long userId, String title, String body);
}
