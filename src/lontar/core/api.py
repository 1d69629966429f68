"""Platform endpoints: the caller's identity and the offices they may see."""

from rest_framework import pagination, serializers, viewsets

from lontar.core.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = [
            "id",
            "kind",
            "parent",
            "name",
            "short_name",
            "code",
            "region_code",
            "address",
            "timezone",
        ]


class OrganisationPagination(pagination.CursorPagination):
    # The default cursor ordering ("-created") names a field organisations do not have.
    ordering = ("path", "id")


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer
    pagination_class = OrganisationPagination

    def get_queryset(self):
        from lontar.core.selectors import organisations_visible_to

        return organisations_visible_to(self.request.user)


def register(router) -> None:
    router.register("organisasi", OrganisationViewSet, basename="organisation")
