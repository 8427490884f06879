from .definitions import ProcessDefinition, ProcessVersion
from .instances import Deputy, ProcessInstance, TimelineEvent, WorkItem

__all__ = ["Deputy", "ProcessDefinition", "ProcessInstance", "ProcessVersion", "TimelineEvent", "WorkItem"]
