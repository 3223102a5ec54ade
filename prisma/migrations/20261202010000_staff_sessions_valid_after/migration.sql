-- Staff reset their own password now, and a reset ends the staff member's other sessions the way a client's does.
ALTER TABLE "StaffAccount" ADD COLUMN "sessionsValidAfter" TIMESTAMP(3);
