from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def calendar(request):
    return HttpResponse("")


approvals = booking_detail = resource_list = calendar
