/**
 * 站内信 and outbound notices: who must act or wants to know is told after the change commits,
 * through the in-app inbox and the {@link cn.linli.notification.Notifier} port (SMS and WeChat
 * adapters plug in there).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications", allowedDependencies = { "shared", "appeal", "identity", "registry", "governance", "analytics", "notice", "fund", "fee" })
package cn.linli.notification;
