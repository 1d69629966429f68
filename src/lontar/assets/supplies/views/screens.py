from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def item_list(request, pk=None):
    return HttpResponse("")


item_detail = request_list = request_detail = item_list
