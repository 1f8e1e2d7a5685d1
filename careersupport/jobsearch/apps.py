from django.apps import AppConfig


class JobSearchConfig(AppConfig):
    """The job-search tracker of partners, employees and returners, and HR's job leads."""

    name = "careersupport.jobsearch"
    label = "jobsearch"
    verbose_name = "Job search"
