from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Kormex editorial admin"
admin.site.site_title = "Kormex admin"
admin.site.index_title = "Interviews, facts and themes"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]
