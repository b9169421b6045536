-- The sidebar: lists get a colour, and lists and tags an order the person chooses.
ALTER TABLE "lists" ADD COLUMN "color" TEXT;
ALTER TABLE "lists" ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "tags" ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0;
