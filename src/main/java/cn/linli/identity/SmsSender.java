package cn.linli.identity;

/** Port to an SMS gateway; the default adapter writes the message to the log. */
public interface SmsSender {

	void send(String phone, String text);
}
