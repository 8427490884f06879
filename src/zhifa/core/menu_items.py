"""Menu entries of the framework layer: workbench, notifications, notices, delivery and SMS logs."""

from .menu import MenuItem, register

register(
    MenuItem(group="工作台", label="我的工作台", url_name="core:workbench", order=10),
    MenuItem(group="工作台", label="通知中心", url_name="core:notification_list", order=20),
    MenuItem(group="工作台", label="通知公告", url_name="core:notice_list", order=30),
    MenuItem(group="系统管理", label="通知公告管理", url_name="core:notice_manage", permission="core.add_notice", order=40),
    MenuItem(group="系统管理", label="通知发送记录", url_name="core:delivery_list", permission="core.view_notificationdelivery", order=85),
    MenuItem(group="系统管理", label="审计日志", url_name="core:audit_list", permission="core.view_auditentry", order=10),
    MenuItem(group="系统管理", label="本地短信记录", url_name="core:sms_list", permission="core.view_smsmessage", order=90),
)
