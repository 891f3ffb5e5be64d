from notifications.models.delivery import Delivery
from notifications.models.reminder_plan import ReminderPlan
from notifications.models.suppression import Suppression

__all__ = ["Delivery", "ReminderPlan", "Suppression"]
