from django.urls import path, re_path

from .views import approvals, financial, flexible, leave, manage

app_name = "requests"

urlpatterns = [
    path("", leave.my_requests, name="mine"),
    path("decide/", approvals.decide, name="decide"),
    path("team/", approvals.team, name="team"),
    re_path(r"^team/(?P<month>[0-9]{4}-[0-9]{2})\.csv$", approvals.team_csv, name="team-csv"),
    # leave
    path("leave/new/", leave.leave_create, name="leave-create"),
    path("leave/<int:pk>/", leave.leave_detail, name="leave-detail"),
    path("leave/<int:pk>/cancel/", leave.leave_cancel, name="leave-cancel"),
    path("leave/<int:pk>/decide/", leave.leave_decide, name="leave-decide"),
    path("leave/<int:pk>/return/", leave.leave_return, name="leave-return"),
    # flexible work
    path("flexible/new/", flexible.flexible_create, name="flexible-create"),
    path("flexible/<int:pk>/", flexible.flexible_detail, name="flexible-detail"),
    path("flexible/<int:pk>/decide/", flexible.flexible_decide, name="flexible-decide"),
    path("flexible/<int:pk>/answer/", flexible.flexible_answer, name="flexible-answer"),
    path("flexible/<int:pk>/withdraw/", flexible.flexible_withdraw, name="flexible-withdraw"),
    path("flexible/<int:pk>/review/", flexible.flexible_review, name="flexible-review"),
    # financial support
    path("money/new/", financial.financial_create, name="financial-create"),
    path("money/<int:pk>/", financial.financial_detail, name="financial-detail"),
    path("money/<int:pk>/decide/", financial.financial_decide, name="financial-decide"),
    path("money/<int:pk>/cancel/", financial.financial_cancel, name="financial-cancel"),
    path("receipts/<int:pk>/", financial.receipt_download, name="receipt"),
    # HR
    path("manage/", manage.manage, name="manage"),
    path("manage/all/", manage.request_list, name="all"),
    path("manage/policies/new/", manage.policy_create, name="policy-create"),
    path("manage/policies/<int:pk>/", manage.policy_edit, name="policy-edit"),
    path("manage/support/new/", manage.kind_create, name="kind-create"),
    path("manage/support/<int:pk>/", manage.kind_edit, name="kind-edit"),
    path("manage/holidays/", manage.holidays, name="holidays"),
    path("manage/holidays/<int:pk>/remove/", manage.holiday_remove, name="holiday-remove"),
    path("manage/people/<int:pk>/employment/", manage.employment_edit, name="employment"),
    path("manage/leave-<int:year>.csv", manage.leave_csv, name="leave-csv"),
    path("manage/financial-<int:year>.csv", manage.financial_csv, name="financial-csv"),
]
