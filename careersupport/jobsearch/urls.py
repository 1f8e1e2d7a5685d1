from .urls_leads import urlpatterns as leads_urlpatterns
from .urls_tracker import urlpatterns as tracker_urlpatterns

app_name = "jobsearch"
# One namespace, two rooms: the tracker's pages and HR's leads and figures.
urlpatterns = [*tracker_urlpatterns, *leads_urlpatterns]
