"""Chinese titles of the audit actions.

The names are those of ``govportal.security.events.record_action`` (listed in
the common brief) plus the ones the audit's own subscribers write
(``workflow.transition``, ``audit.purge``).  An unknown name is shown as is.
"""

from ..i18n import _

ACTION_TITLES = {
    "login.success": _("audit-action-login-success", default="登录成功"),
    "login.failure": _("audit-action-login-failure", default="登录失败"),
    "login.locked": _("audit-action-login-locked", default="账号锁定"),
    "login.throttled": _("audit-action-login-throttled", default="登录限流"),
    "logout": _("audit-action-logout", default="退出登录"),
    "totp.enrol": _("audit-action-totp-enrol", default="绑定动态口令"),
    "totp.failure": _("audit-action-totp-failure", default="动态口令错误"),
    "totp.reset": _("audit-action-totp-reset", default="重置动态口令"),
    "password.change": _("audit-action-password-change", default="修改口令"),
    "password.reset_link": _("audit-action-password-reset-link", default="发送口令重置链接"),
    "password.reset": _("audit-action-password-reset", default="重置口令"),
    "account.create": _("audit-action-account-create", default="创建账号"),
    "account.update": _("audit-action-account-update", default="修改账号"),
    "account.disable": _("audit-action-account-disable", default="停用账号"),
    "account.enable": _("audit-action-account-enable", default="启用账号"),
    "account.unlock": _("audit-action-account-unlock", default="解除锁定"),
    "account.force_change": _("audit-action-account-force-change", default="要求修改口令"),
    "session.revoke": _("audit-action-session-revoke", default="注销会话"),
    "roles.grant": _("audit-action-roles-grant", default="授予角色"),
    "roles.revoke": _("audit-action-roles-revoke", default="收回角色"),
    "settings.change": _("audit-action-settings-change", default="修改设置"),
    "department.create": _("audit-action-department-create", default="创建部门"),
    "column.create": _("audit-action-column-create", default="创建栏目"),
    "column.close": _("audit-action-column-close", default="停用栏目"),
    "column.reopen": _("audit-action-column-reopen", default="启用栏目"),
    "content.delete": _("audit-action-content-delete", default="删除内容"),
    "content.move": _("audit-action-content-move", default="移动内容"),
    "content.rename": _("audit-action-content-rename", default="重命名内容"),
    "content.copy": _("audit-action-content-copy", default="复制内容"),
    "workflow.transition": _("audit-action-workflow-transition", default="流程操作"),
    "check.override": _("audit-action-check-override", default="放行发布前检查"),
    "syndication": _("audit-action-syndication", default="信息报送（报送、采用、退回、撤下）"),
    "specialtopic": _(
        "audit-action-specialtopic", default="专题专栏（创建、修改、横幅、栏目、选用、检索条件）"
    ),
    "revisions.purge": _("audit-action-revisions-purge", default="清除含未遮盖个人信息的历史版本"),
    "export": _("audit-action-export", default="导出数据"),
    "audit.view": _("audit-action-audit-view", default="查阅审计日志"),
    "audit.export": _("audit-action-audit-export", default="导出审计日志"),
    "audit.purge": _("audit-action-audit-purge", default="清理过期审计记录"),
    "monitoring.alarm": _("audit-action-monitoring-alarm", default="运行监测告警"),
    "monitoring.alarm_cleared": _("audit-action-monitoring-cleared", default="运行监测告警解除"),
    "monitoring.task": _("audit-action-monitoring-task", default="执行监测任务"),
    "monitoring.tamper_restored": _("audit-action-tamper-restored", default="篡改内容已恢复"),
    "monitoring.rebaseline": _("audit-action-rebaseline", default="重建防篡改基线"),
    "backup.run": _("audit-action-backup-run", default="数据备份"),
    "backup.restore": _("audit-action-backup-restore", default="数据恢复"),
    "backup.drill": _("audit-action-backup-drill", default="恢复演练"),
    "api.token_created": _("audit-action-api-token-created", default="创建数据接口令牌"),
    "api.token_revoked": _("audit-action-api-token-revoked", default="吊销数据接口令牌"),
    "sdi.refused": _("audit-action-sdi-refused", default="拒绝进入管理界面"),
}

RESULT_TITLES = {
    "success": _("audit-result-success", default="成功"),
    "failure": _("audit-result-failure", default="失败"),
    "refused": _("audit-result-refused", default="拒绝"),
}


def _title(request, titles, name):
    from ..i18n import translate

    title = titles.get(name)
    if title is None:
        return name
    return translate(request, title) if request is not None else title.default


def action_title(request, name):
    """The Chinese title of action ``name`` (the name itself if unknown)."""
    return _title(request, ACTION_TITLES, name)


def result_title(request, name):
    """The Chinese title of a result (成功, 失败, 拒绝)."""
    return _title(request, RESULT_TITLES, name)
